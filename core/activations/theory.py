"""The formulas the Activations page teaches, as LaTeX: why a nonlinearity, sigmoid/tanh/ReLU and their
derivatives, backpropagation through depth, exploding/vanishing products, Xavier/He and L2."""

THEORY = [
    r"a^{[2]} = W^{[2]}\big(W^{[1]}x + b^{[1]}\big) + b^{[2]} = W'x + b' \quad\text{(no } g\text{: still linear)}",
    r"\sigma(z) = \frac{1}{1+e^{-z}},\quad \sigma'(z) = \sigma(z)\big(1-\sigma(z)\big) \le \tfrac14,"
    r"\quad \tanh'(z) = 1-\tanh^2(z)",
    r"\mathrm{ReLU}(z) = \max(0, z),\quad \mathrm{GELU}(z) = z\,\Phi(z),\quad \mathrm{Swish}(z) = z\,\sigma(\beta z)",
    r"\frac{\partial L}{\partial z^{[l]}} = \Big(W^{[l+1]\top}\frac{\partial L}{\partial z^{[l+1]}}\Big)"
    r"\odot g'\big(z^{[l]}\big)",
    r"\hat y = W^{[L]}W^{[L-1]}\cdots W^{[1]}x,\quad W^{[l]} = 1.5\,I \Rightarrow 1.5^{L},"
    r"\quad W^{[l]} = 0.5\,I \Rightarrow 0.5^{L}",
    r"\mathrm{Var}(w) = \frac{1}{n^{[l-1]}}\ \text{(Xavier, tanh)},\qquad"
    r"\mathrm{Var}(w) = \frac{2}{n^{[l-1]}}\ \text{(He, ReLU)}",
    r"J = \frac{1}{m}\sum_{i=1}^{m}\mathcal{L}\big(\hat y^{(i)}, y^{(i)}\big)"
    r" + \frac{\lambda}{2m}\sum_{l}\big\lVert W^{[l]}\big\rVert_F^2",
]
