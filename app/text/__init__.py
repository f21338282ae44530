"""Text processing shared by client and server: Korean morphemes (Kiwi) and sentiment."""
