"""The terminal reader (Textual).  Only this package imports Textual."""
