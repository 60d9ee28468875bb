import KeywayCore

/// The wire enum case with a domain value's raw value. The contract lists every case the domain has (tests
/// map each one); a case it lacks is a defect in the document, answered as an internal error, never a crash.
func wireCase<Wire: RawRepresentable<String>>(_ raw: String, as _: Wire.Type = Wire.self) throws(KeywayError) -> Wire {
    guard let value = Wire(rawValue: raw) else {
        throw KeywayError(.internal, "internal_error", "Keyway failed to answer this request.")
    }
    return value
}
