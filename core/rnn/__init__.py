"""Recurrent networks: character-level language models with torch's RNN, GRU and LSTM, and their memory made visible.

Plain PyTorch (plotly for figures); never imports streamlit. Modules, one concern each:
``corpora`` (English and Chinese text from the registry, the reader's own text), ``vocab`` (characters
to ids and training batches), ``model`` (the char-level model around ``nn.RNN`` / ``nn.GRU`` / ``nn.LSTM``),
``train`` (the training loop, stoppable, several cells side by side), ``sample`` (generation with
temperature and the next-character distribution of each step), ``cells`` (one step of each cell
written out by hand, equal to torch's), ``memory`` (hidden states and gates recorded over a text),
``gradients`` (‖∂h_T/∂h_t‖ against T − t by autograd, and the W^L argument), ``figures`` (plotly).
References: Karpathy, "The Unreasonable Effectiveness of Recurrent Neural Networks" (char-rnn);
Strobelt et al., LSTMVis; Pascanu, Mikolov & Bengio, "On the difficulty of training RNNs" (2013).
"""
