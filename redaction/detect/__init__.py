"""What looks at a page: red ink, orientation, the page's text, faces, seals, seal text, signatures."""
