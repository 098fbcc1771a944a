"""The formulas the CNN page teaches, as LaTeX: output size, the convolution sum, parameters, receptive
field, softmax and Grad-CAM; and the multiplies of the three layer designs of the cost calculator."""

THEORY = [
    r"N_{out} = \left\lfloor \frac{N + 2P - d(f-1) - 1}{S} \right\rfloor + 1",
    r"z_{i,j,k} = b_k + \sum_{u=0}^{f-1}\sum_{v=0}^{f-1}\sum_{c=1}^{C_{in}} w_{u,v,c,k}\, x_{iS+u,\, jS+v,\, c}",
    r"\#\text{params} = (f \cdot f \cdot C_{in} + 1)\cdot C_{out}",
    r"r_l = r_{l-1} + (k_l - 1)\, j_{l-1}, \qquad j_l = j_{l-1}\, s_l, \qquad r_0 = j_0 = 1",
    r"p_c = \frac{e^{z_c}}{\sum_{c'} e^{z_{c'}}}, \qquad "
    r"L^c_{\text{Grad-CAM}} = \mathrm{ReLU}\Big(\sum_k \alpha^c_k A^k\Big),\ \ "
    r"\alpha^c_k = \frac{1}{hw}\sum_{i,j} \frac{\partial y^c}{\partial A^k_{ij}}",
]
COST_FORMULAS = [
    r"\text{standard: } H_{out} W_{out} \cdot C_{out} \cdot f^2 C_{in}",
    r"\text{separable: } H_{out} W_{out} \cdot (f^2 C_{in} + C_{in} C_{out}),"
    r"\quad \frac{\text{separable}}{\text{standard}} = \frac{1}{C_{out}} + \frac{1}{f^2}",
    r"\text{bottleneck: } H W \cdot C_{in} C_b + H_{out} W_{out} \cdot C_{out} f^2 C_b",
]
