//! WhatsApp Cloud API: wire types, the reqwest client, webhook signatures, and the simulator.

pub mod client;
// pub mod sandbox; (wired when the simulator lands)
pub mod signature;
pub mod wire;
