"""word2vec neighbours: corpora, training (CBOW / skip-gram), GloVe, exploration, maps, evaluation.

Plain gensim + numpy (plotly for the map figure); never imports streamlit. Modules, one concern each:
``corpora`` (sentences from the bundled corpora and uploads), ``train`` (gensim Word2Vec with
per-epoch loss, stoppable), ``jobs`` (background training, cached per corpus and settings),
``glove`` (the pretrained English space), ``explore`` (neighbours, analogies, odd one out),
``projection`` (PCA / t-SNE maps), ``figures`` (the map drawn), ``evaluate`` (analogy accuracy,
wordsim353 Spearman), ``space`` (the space being explored and its starting examples).
"""
