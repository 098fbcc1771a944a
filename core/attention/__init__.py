"""Self-attention of a real transformer (all-MiniLM-L6-v2), positional encoding and attention by hand.

Computing attention (``model``, ``extract``) is kept apart from reshaping it (``transform``) and
from drawing it (``figures``), as in BertViz: views never run the model.
"""
