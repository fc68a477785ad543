//! WhatsApp Cloud API: wire types, the reqwest client, webhook signatures, and the simulator.

pub mod client;
pub mod sandbox;
pub mod signature;
pub mod wire;
