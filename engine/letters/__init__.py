"""The agency's letters (issue 14): real documents, complete by law, numbered, signed and verifiable.

- ``types``: the kinds of letter and the tasks that issue them;
- ``completeness``: what a letter's data must meet before it can be sent (Pasal 22(7) a-g, ...);
- ``numbering``: the agency's number pattern over a yearly counter per letter type;
- ``context``: what a letter says, gathered and frozen when it is issued;
- ``signers``: who signs it (the configured signatory, else the officer of the lane);
- ``dispute``: a dispute's parties as the Commission names them, the response's attorneys and enclosures;
- ``issue``: issuing, correcting and translating letters, in the transaction of the change;
- ``production``: the PDF made after the commit (a job), stored like an attachment, its hash in the history;
- ``render``: HTML (the print view) and PDF (fpdf2) from the agency's templates, with the QR code;
- ``signing``: PAdES signatures with the agency's certificate (pyHanko), when configured;
- ``records``: who reads which letter, the signed scan of record, the public verification.
"""
