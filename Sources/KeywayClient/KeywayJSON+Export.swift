// The SDK's users get `JSONValue` (from the dependency-free KeywayJSON target, shared with Keyway's server
// side) without importing KeywayJSON themselves.
@_exported import KeywayJSON
