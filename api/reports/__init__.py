"""What the registers and reports say and how they download, shared by the REST API and the pages.

``labels`` names every code the engine counts in the visitor's language; ``files`` writes the CSV,
XLSX, DOCX and PDF files. Neither front end imports the other: both import this package.
"""
