/// HubSpot refused a call; `message` is HubSpot's own explanation.
struct HubSpotError: Error, Sendable {
    let message: String
}
