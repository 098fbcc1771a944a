"""Training word2vec: corpora, segmentation of uploads, the People's Daily analogy, background jobs."""
import math
import threading
from pathlib import Path

import pytest

from core.errors import TextInputError, UserError
from core.jobs import Job, JobState
from core.word2vec import corpora, explore
from core.word2vec.jobs import TrainingJobs
from core.word2vec.train import DEFAULTS, TrainSettings, train

TEXT = Path(__file__).resolve().parent.parent / "assets" / "text"
STORY = (TEXT / "word2vec_story_zh.txt").read_bytes()  # unsegmented Chinese, written for this lab
SMALL = TrainSettings(skip_gram=True, negative=5, window=3, dims=20, min_count=1, epochs=5, seed=1)


@pytest.fixture(scope="session")
def peoples_daily():
    """Skip-gram on People's Daily with the page's documented defaults, trained once per test session."""
    reports = []
    model, finished = train(corpora.load("peoples-daily"), DEFAULTS["peoples-daily"], on_epoch=reports.append)
    model.wv.fill_norms()
    return model.wv, reports, finished


def test_peoples_daily_corpus_is_clean() -> None:
    sentences = corpora.load("peoples-daily")
    assert 900_000 < corpora.count_tokens(sentences) < 1_000_000
    assert sentences[0][:3] == ["迈向", "充满", "希望"], "the /tag suffixes are stripped"
    assert not any("/" in token for sentence in sentences[:200] for token in sentence)
    assert "，" not in {token for sentence in sentences[:200] for token in sentence}, "punctuation (/w) dropped"


@pytest.mark.slow
def test_skip_gram_on_peoples_daily_finds_tokyo(peoples_daily) -> None:
    """北京 − 中国 + 日本 ≈ 东京 (skip-gram, 50-d, window 5, k=5, 5 epochs, seed 1, one worker, sample 1e-4)."""
    space, reports, finished = peoples_daily
    assert finished
    answers = [w for w, _ in explore.analogy(space, "北京", "中国", "日本", "3cosadd", topn=5)]
    assert "东京" in answers, answers
    assert [r.epoch for r in reports] == [1, 2, 3, 4, 5]
    assert all(math.isfinite(r.loss) and r.loss > 0 for r in reports)
    assert reports[-1].loss < reports[0].loss, "the loss goes down"


def test_uploaded_chinese_text_is_segmented() -> None:
    sentences = corpora.upload_sentences(STORY)
    tokens = [t for s in sentences for t in s]
    assert corpora.is_chinese(STORY.decode("utf-8"))
    assert {"小明", "北京", "上海", "医生", "老师"} <= set(tokens), "jieba splits words out of unspaced text"
    assert not {"，", "。", "“", "”"} & set(tokens), "punctuation is dropped"
    assert max(len(t) for t in tokens) <= 4


def test_uploaded_chinese_text_trains() -> None:
    model, finished = train(corpora.upload_sentences(STORY), SMALL)
    assert finished and "北京" in model.wv.key_to_index and model.wv.vector_size == 20


def test_english_upload_uses_simple_preprocess() -> None:
    text = b"The Cat sat on the mat. The dog, happily, sat on the log! " * 4
    sentences = corpora.upload_sentences(text)
    assert sentences[0][:7] == ["the", "cat", "sat", "on", "the", "mat", "the"]
    assert not corpora.is_chinese(text.decode())


@pytest.mark.parametrize(("data", "key"), [
    (b"", "err.text_empty"),
    (b"   \n\t ", "err.text_empty"),
    ((TEXT.parent / "images" / "coffee.png").read_bytes()[:4000], "err.text_binary"),
    (bytes(range(1, 32)) * 200, "err.text_binary"),
    ("只有 几个 词".encode(), "w2v.err.too_few_words"),
])
def test_bad_uploads_get_a_clear_message(data: bytes, key: str) -> None:
    with pytest.raises(TextInputError) as caught:
        corpora.upload_sentences(data)
    assert caught.value.key == key
    assert caught.value.message("zh") != caught.value.message("en")


def test_min_count_above_every_word_is_explained() -> None:
    with pytest.raises(UserError) as caught:
        train([["a", "b", "c"]] * 3, TrainSettings(min_count=50))
    assert caught.value.key == "w2v.err.no_vocab"


def test_long_documents_are_chunked_below_gensims_limit() -> None:
    chunks = list(corpora.chunk([["w"] * 25_000, ["x"] * 3]))
    assert [len(c) for c in chunks] == [9_000, 9_000, 7_000, 3]


def test_wiki_corpus() -> None:
    sentences = corpora.load("wiki")
    assert 400_000 < corpora.count_tokens(sentences) < 500_000
    assert max(len(s) for s in sentences) <= corpora.MAX_SENTENCE
    assert all(t == t.lower() for t in sentences[0][:100])


def test_jobs_are_cached_per_corpus_and_settings() -> None:
    jobs = TrainingJobs()
    sentences = corpora.upload_sentences(STORY)
    job = jobs.start(("upload:story", SMALL), lambda: sentences)
    assert jobs.start(("upload:story", SMALL), lambda: sentences) is job, "same key: the same job"
    assert job.wait(120)
    snap = job.snapshot()
    assert snap.state is JobState.DONE and snap.latest.progress == 1.0 and len(snap.latest.epochs) == SMALL.epochs
    assert snap.latest.vocab == len(job.result) and snap.latest.tokens == corpora.count_tokens(sentences)
    assert jobs.get(("upload:story", SMALL)) is job
    other = jobs.start(("upload:story", TrainSettings(**{**SMALL.__dict__, "dims": 10})), lambda: sentences)
    assert other is not job and other.wait(120) and other.result.vector_size == 10


def test_a_job_can_be_stopped_and_keeps_its_vectors() -> None:
    jobs = TrainingJobs()
    sentences = corpora.upload_sentences(STORY) * 50  # long enough to be stopped mid-way
    many = TrainSettings(**{**SMALL.__dict__, "epochs": 500})
    started = threading.Event()
    job = jobs.start(("upload:long", many), lambda: (started.set(), sentences)[1])
    assert started.wait(60)
    job.stop()
    assert job.wait(120)
    snap = job.snapshot()
    assert snap.state is JobState.STOPPED and len(snap.latest.epochs) < many.epochs
    assert job.result is not None and "北京" in job.result.key_to_index
    again = jobs.start(("upload:long", many), lambda: sentences)
    again.stop()
    assert again is not job, "a stopped job can be retrained"


def test_a_failed_job_reports_its_error() -> None:
    jobs = TrainingJobs()
    job = jobs.start(("upload:tiny", TrainSettings(min_count=99)), lambda: [["一", "二"]])
    assert job.wait(60)
    snap = job.snapshot()
    assert snap.state is JobState.FAILED and snap.error.key == "w2v.err.no_vocab" and job.result is None


def test_any_exception_ends_a_training_job_failed() -> None:
    """The old word2vec job caught only UserError and stayed RUNNING forever on anything else."""
    def broken_corpus():
        raise OSError("corpus file unreadable")

    job = TrainingJobs().start(("upload:broken", SMALL), broken_corpus)
    assert job.wait(60)
    snap = job.snapshot()
    assert snap.state is JobState.FAILED and isinstance(snap.error, OSError) and not snap.alive


def test_a_new_job_starts_through_the_given_launcher() -> None:
    """The page passes its per-session starter; joining a job another session started does not call it."""
    launched = []

    def launch(work, *, name):
        launched.append(name)
        return Job(work, name=name).start()

    jobs = TrainingJobs()
    sentences = corpora.upload_sentences(STORY)
    job = jobs.start(("upload:story2", SMALL), lambda: sentences, launch)
    assert jobs.start(("upload:story2", SMALL), lambda: sentences, launch) is job
    assert launched == ["word2vec-upload:story2"]
    job.stop()
    assert job.wait(120)
