import Hummingbird

extension SandboxGeneric {
    /// How token and API answers are delivered now.
    public var delivery: SandboxDelivery {
        state.withLock { $0.delivery }
    }

    /// Changes how the following token and API answers are delivered.
    public func setDelivery(_ delivery: SandboxDelivery) {
        state.withLock { $0.delivery = delivery }
    }

    /// What deliveries did so far.
    public func deliveryStats() -> SandboxDeliveryStats {
        state.withLock { $0.deliveryStats }
    }

    /// `response` with its body delivered as ``delivery`` says.
    func delivered(_ response: Response) -> Response {
        let delivery = self.delivery
        guard delivery != .immediate else { return response }
        var response = response
        let original = response.body
        let length: Int? = if case .trickle = delivery { original.contentLength } else { nil }
        response.body = ResponseBody(contentLength: length) { [self] writer in
            let shaping = DeliveryWriter(
                inner: writer, delivery: delivery,
                sent: { count in self.state.withLock { $0.deliveryStats.bytesSent += count } })
            do {
                try await original.write(shaping)
            } catch {
                state.withLock { $0.deliveryStats.abandoned += 1 }
                throw error
            }
        }
        return response
    }
}

/// Writes a body as a ``SandboxDelivery`` says, counting what reaches the client.
private struct DeliveryWriter: ResponseBodyWriter {
    var inner: any ResponseBodyWriter
    let delivery: SandboxDelivery
    let sent: @Sendable (Int) -> Void
    private var started = false

    init(inner: any ResponseBodyWriter, delivery: SandboxDelivery, sent: @escaping @Sendable (Int) -> Void) {
        self.inner = inner
        self.delivery = delivery
        self.sent = sent
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        switch delivery {
        case .immediate:
            try await send(buffer)
        case .trickle(let bytes, let interval):
            var rest = buffer
            while let piece = rest.readSlice(length: min(max(bytes, 1), rest.readableBytes)), piece.readableBytes > 0 {
                if started { try await Task.sleep(for: interval) }
                started = true
                try await send(piece)
            }
        case .huge(let size):
            try await writeHuge(buffer, padding: size)
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await inner.finish(trailingHeaders)
    }

    /// `{"padding":"aaaa…",` then the rest of the JSON object, the padding made 64 KiB at a time.
    private mutating func writeHuge(_ buffer: ByteBuffer, padding size: Int) async throws {
        var rest = buffer
        guard !started, rest.readInteger(as: UInt8.self) == UInt8(ascii: "{") else {
            return try await send(buffer)
        }
        started = true
        try await send(ByteBuffer(string: #"{"padding":""#))
        let chunk = ByteBuffer(repeating: UInt8(ascii: "a"), count: 64 << 10)
        var remaining = size
        while remaining > 0 {
            let count = min(remaining, chunk.readableBytes)
            try await send(chunk.getSlice(at: chunk.readerIndex, length: count)!)
            remaining -= count
        }
        let closesAtOnce = rest.getInteger(at: rest.readerIndex, as: UInt8.self) == UInt8(ascii: "}")
        try await send(ByteBuffer(string: closesAtOnce ? "\"" : "\","))
        try await send(rest)
    }

    private mutating func send(_ buffer: ByteBuffer) async throws {
        try await inner.write(buffer)
        sent(buffer.readableBytes)
    }
}
