import AsyncHTTPClient
import NIOCore

/// A provider's answer body as it streams, still under the exchange's deadline: a body still streaming at
/// the deadline ends in error (the one its creator chose for a timeout) and its request is cancelled.
///
/// A relay task reads the provider's body under the deadline and hands each chunk on only when the reader
/// asks for the next one, so at most one chunk waits in between: the body streams, it is never buffered.
/// When the reader stops (or is cancelled), the relay and the provider's request are cancelled.
public struct ProviderResponseBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    private let chunks: AsyncThrowingStream<ByteBuffer, any Error>
    private let demand: AsyncStream<Void>.Continuation
    private let expectedLength: Int?

    /// - Parameter failure: the error the reader sees when the exchange times out or fails mid-body.
    init(
        _ upstream: HTTPClientResponse.Body, deadline: ProviderDeadline, expectedLength: Int?,
        failure: @escaping @Sendable (ProviderExchangeError) -> any Error
    ) {
        let (chunks, sink) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
        let (requests, demand) = AsyncStream.makeStream(of: Void.self)
        let relay = Task {
            do {
                try await deadline.run {
                    var iterator = upstream.makeAsyncIterator()
                    for await _ in requests {
                        guard let chunk = try await iterator.next() else { break }
                        sink.yield(chunk)
                    }
                }
                sink.finish()
            } catch {
                sink.finish(throwing: failure(ProviderExchange.classify(error)))
            }
        }
        sink.onTermination = { _ in
            relay.cancel()
            demand.finish()
        }
        self.chunks = chunks
        self.demand = demand
        self.expectedLength = expectedLength
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: chunks.makeAsyncIterator(), demand: demand)
    }

    /// Reads the body whole, refusing (without reading further) one larger than `maxBytes`.
    ///
    /// - Throws: `NIOTooManyBytesError`, or the creator's error when the exchange failed or timed out.
    public func collect(upTo maxBytes: Int) async throws -> ByteBuffer {
        if let expectedLength, expectedLength > maxBytes { throw NIOTooManyBytesError(maxBytes: maxBytes) }
        var buffer = ByteBuffer()
        try await collect(upTo: maxBytes, into: &buffer)
        return buffer
    }

    /// Reads the chunks in order.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var chunks: AsyncThrowingStream<ByteBuffer, any Error>.Iterator
        let demand: AsyncStream<Void>.Continuation

        public mutating func next() async throws -> ByteBuffer? {
            demand.yield()
            return try await chunks.next()
        }
    }
}
