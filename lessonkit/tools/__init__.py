"""Tools that only authors, the tests and the command line run; kernel code never imports them.

They may import anything in the lesson kit, and heavy libraries inside the functions that need
them. The browser wheel leaves this folder out.
"""
