"""How a network learns: scores and losses, the computational graph, backpropagation, gradient checking.

Each module holds one idea of the course notes: ``inputs`` (typed numbers), ``losses`` (scores,
hinge and softmax), ``logistic`` (why log loss), ``expression`` (the safe parser), ``graph``
(forward values and autograd gradients per node, the backward pass step by step),
``gradcheck`` (two-sided differences against a hand-written backward), ``classifier`` (a
linear classifier on 2-D points) and ``figures`` (plotly figures and the graph's DOT source).
"""
