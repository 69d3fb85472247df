"""The attachment files of the REST test servers: a real PDF (the first) and a real DOCX (the
one of item 10) from tests/fixtures/extraction, so that content extraction is tested on real
documents, and short plain text for the rest."""
import os

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../fixtures/extraction")


def attachment_content(i, owner):
    """(file name, bytes) of the attachment of item `i`; `owner` names the item in the text
    ("issue", "content")."""
    if i == 0:
        with open(os.path.join(FIXTURES, "sample.pdf"), "rb") as f:
            return "report.pdf", f.read()
    if i == 10:
        with open(os.path.join(FIXTURES, "sample.docx"), "rb") as f:
            return "notes.docx", f.read()
    return "attachment-%d.txt" % i, ("Attachment of %s %d. " % (owner, i) * 20).encode()
