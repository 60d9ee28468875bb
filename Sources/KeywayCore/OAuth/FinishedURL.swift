/// Builds the URLs that send the browser back to the app at the end of a flow.
public enum FinishedURL {
    /// The app's finished URL with the outcome of a successful connection.
    public static func success(_ url: String, identity: Identity) -> String {
        var pairs = [("identityId", identity.id), ("serviceId", identity.serviceId)]
        for key in ["tenantId", "userId"] {
            if let value = identity.tags[key] { pairs.append((key, value)) }
        }
        return FormEncoding.appending(pairs, to: url)
    }

    /// The app's finished URL with `error` and `errorDescription`.
    public static func error(_ url: String, code: String, description: String) -> String {
        FormEncoding.appending([("error", code), ("errorDescription", description)], to: url)
    }
}
