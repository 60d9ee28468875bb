/// Why an exchange with a provider failed before its answer could be judged.
enum ProviderExchangeError: Error, Sendable, Hashable {
    /// The provider could not be reached, or the connection failed mid-answer.
    case unreachable
    /// The exchange did not end within its deadline (head and body alike); the request was cancelled.
    case timedOut
    /// The answer's body is larger than the exchange accepts; it was not read beyond that size.
    case tooLarge
}
