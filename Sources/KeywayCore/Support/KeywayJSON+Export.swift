// KeywayCore's users get `JSONValue` (from the dependency-free KeywayJSON target, shared with the SDK) without
// importing KeywayJSON themselves.
@_exported import KeywayJSON
