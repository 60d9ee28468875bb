/// The contract's error body: `{"error": "<stable_code>", "message": "<human text>"}`.
struct ErrorBody: Decodable {
    var error: String
    var message: String?
}
