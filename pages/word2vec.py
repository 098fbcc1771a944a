"""Placeholder until the word2vec page is built."""
from pages.ui import coming_soon

coming_soon("word2vec", "soon.word2vec")
