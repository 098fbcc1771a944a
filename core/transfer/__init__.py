"""Train a classifier on your own photos: transfer learning from a pretrained CNN.

``dataset`` (photos in memory, checks, split), ``backbone`` (frozen part / trainable top),
``augment`` (transforms.v2, mixup), ``train`` (the job's work), ``metrics``, ``predict``,
``batchnorm`` (batch-size sensitivity), ``export`` and ``figures``.
"""
