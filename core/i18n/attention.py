"""Strings of the attention page (namespace ``att.``)."""

STRINGS = {
    "att.err.range": {
        "en": "The {name} must be between 1 and {maximum}; got {value}.",
        "zh": "{name} 须在 1 到 {maximum} 之间，收到的是 {value}。",
    },
}
