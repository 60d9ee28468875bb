/// The contract's list body: `{"items": […]}`.
struct Items<Item: Decodable>: Decodable {
    var items: [Item]
}
