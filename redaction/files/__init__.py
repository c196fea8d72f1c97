"""Files in and out: loading documents, burning masks, encoding and atomic writes, output names."""
