extension Provider.MetadataFields {
    /// The response fields this provider keeps as identity metadata, read from a token response.
    public func values(in native: [String: JSONValue]) -> [String: String] {
        var values: [String: String] = [:]
        for field in response {
            if let value = JSONValue.object(native)[path: field]?.stringValue { values[field] = value }
        }
        return values
    }
}
