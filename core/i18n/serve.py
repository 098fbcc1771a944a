"""Strings of the model-server backend (core/serve)."""

STRINGS = {
    "serve.err.unavailable": {
        "en": "The model server at {address} does not answer right now, so this result cannot be computed. "
        "Try again in a minute, or ask whoever runs the server.",
        "zh": "位于 {address} 的模型服务器暂时没有响应，因此无法计算这个结果。请稍后再试，或联系服务器的管理员。",
    },
}
