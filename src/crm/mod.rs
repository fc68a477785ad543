//! The CRM: modules and fields, records with owners and visibility, phones in E.164.

pub mod activities;
pub mod company;
mod csv_io;
pub mod custom;
pub mod documents;
pub mod line_items;
mod listing;
pub mod lookups;
pub mod merge;
pub mod model;
pub mod modules;
pub mod phone;
pub(crate) mod records;
mod values;

pub use listing::{ListQuery, RecordPage};
pub use records::Crm;
