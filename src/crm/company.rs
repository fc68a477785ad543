//! The company settings (Settings → Company): who sends the documents. Every PDF's header
//! names the company, its address and contact details; amounts are in its currency.

use super::Crm;
pub use super::model::CompanySettings;
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::store::PutRow;
use crate::store::tables::COMPANY;

const KEY: &str = "company";

impl Crm {
    /// The company settings (empty until an administrator fills them in).
    pub fn company(&self) -> Result<CompanySettings> {
        let tx = self.store.read()?;
        let t = match tx.open_table(COMPANY) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(CompanySettings::default()),
            Err(e) => return Err(e.into()),
        };
        Ok(t.get(KEY)?
            .map(|v| v.value())
            .transpose()?
            .unwrap_or_default())
    }

    /// The currency documents are in: the company's, else the configured one.
    pub fn document_currency(&self, company: &CompanySettings) -> String {
        if company.currency.is_empty() {
            self.currency.clone()
        } else {
            company.currency.clone()
        }
    }

    /// Replaces the company settings (administrators).
    pub async fn set_company(
        &self,
        viewer: &Viewer,
        mut input: CompanySettings,
    ) -> Result<CompanySettings> {
        viewer.require_admin()?;
        for (field, value, max) in [
            ("name", &mut input.name, 200),
            ("address", &mut input.address, 1_000),
            ("email", &mut input.email, 254),
            ("phone", &mut input.phone, 50),
            ("website", &mut input.website, 200),
            ("taxId", &mut input.tax_id, 50),
        ] {
            *value = value.trim().to_string();
            if value.chars().count() > max {
                return Err(Error::validation(
                    field,
                    Text::new(
                        format!("at most {max} characters"),
                        format!("höchstens {max} Zeichen"),
                    ),
                ));
            }
        }
        input.currency = input.currency.trim().to_ascii_uppercase();
        let valid = input.currency.is_empty()
            || (input.currency.len() == 3
                && input.currency.chars().all(|c| c.is_ascii_uppercase()));
        if !valid {
            return Err(Error::validation(
                "currency",
                Text::new(
                    "a three-letter currency code such as EUR",
                    "ein dreistelliger Währungscode wie EUR",
                ),
            ));
        }
        self.store
            .write(move |tx| {
                tx.txn.open_table(COMPANY)?.put(KEY, &input)?;
                Ok(input.clone())
            })
            .await
    }
}
