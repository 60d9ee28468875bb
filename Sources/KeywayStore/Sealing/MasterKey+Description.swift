extension MasterKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Names the key by its id only, such as `MasterKey(id: 1a2b3c4d)`; never the key.
    public var description: String { "MasterKey(id: \(id))" }

    /// The same as ``description``: the key id, never the key.
    public var debugDescription: String { description }

    /// A mirror showing only the key id, so that `dump` and debuggers never print the key.
    public var customMirror: Mirror { Mirror(self, children: ["id": id], displayStyle: .struct) }
}
