"""Printing: letters (surat keluar), certificates, receipts and the lembar disposisi, to PDF or a printer.

* ``documents`` (no Qt) builds a ``Printable`` from the store: HTML rendered from a template file
  in resources/templates/ (an office may override any file in <data folder>/templates/), plus
  the QR codes, the logo and the paper (A4 or F4).
* ``render`` (Qt) lays the HTML out with QTextDocument and paints it on a QPdfWriter
  (``save_pdf``, headless) or a QPrinter (``preview``: the print preview dialog).
* ``settings`` (no Qt): letterhead, signatory and paper, kept in the store's meta table.
* ``templates`` (no Qt): the placeholder language of the template files.
"""
