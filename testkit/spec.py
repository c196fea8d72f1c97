"""What the written spec of real attachments (testkit/heldout/SPEC.md) says each document type
carries for the applicant. Both generators written from that spec alone (testkit/heldout,
testkit/synth2) are checked against it."""

REQUIRED_BY_TYPE = {
    "id_card": {"name", "eyes"},
    "diploma": {"name", "eyes"},
    "title_cert": {"name", "employer", "eyes"},
    "appraisal": {"name", "employer", "seal"},
    "training": {"name", "employer"},
    "award": {"name"},
    "journal": {"name", "employer"},
    "letter": {"name", "employer", "seal"},
}
