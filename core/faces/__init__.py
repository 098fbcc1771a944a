"""Face verification: detect (YuNet), align (5-point similarity), embed (SFace), compare, a face book."""
