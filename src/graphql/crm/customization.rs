//! Custom fields and modules (administrators).

use async_graphql::{Context, InputObject, Object, Result};

use crate::crm::custom::NewCustomField;
use crate::graphql::types::{FieldGql, FieldTypeGql, ModuleGql};
use crate::graphql::{Gql, admin, app};

#[derive(InputObject)]
pub struct CustomFieldInput {
    /// Derived from the label when left out (`Shoe size` → `Shoe_Size`).
    api_name: Option<String>,
    label: String,
    /// German label; the English one when left out.
    label_de: Option<String>,
    field_type: FieldTypeGql,
    #[graphql(default)]
    required: bool,
    /// Picklist options.
    #[graphql(default)]
    options: Vec<String>,
    /// The options' German labels in the same order (left out: as in `options`).
    #[graphql(default)]
    options_de: Vec<String>,
    /// The module a lookup field points to.
    lookup_module: Option<String>,
}

#[derive(Default)]
pub struct CustomizationMutation;

#[Object]
impl CustomizationMutation {
    /// Adds a custom field to a module (administrators).
    async fn create_custom_field(
        &self,
        ctx: &Context<'_>,
        module: String,
        input: CustomFieldInput,
    ) -> Result<FieldGql> {
        let v = admin(ctx)?;
        let new = NewCustomField {
            api_name: input.api_name,
            label: input.label,
            label_de: input.label_de,
            field_type: input.field_type.into(),
            required: input.required,
            options: input.options,
            options_de: input.options_de,
            lookup_module: input.lookup_module,
        };
        Ok(app(ctx)
            .crm
            .create_custom_field(v, &module, new)
            .await
            .gql()?
            .into())
    }

    /// Removes a custom field and its values (administrators).
    async fn delete_custom_field(
        &self,
        ctx: &Context<'_>,
        module: String,
        api_name: String,
    ) -> Result<bool> {
        let v = admin(ctx)?;
        app(ctx)
            .crm
            .delete_custom_field(v, &module, &api_name)
            .await
            .gql()?;
        Ok(true)
    }

    /// Adds a module with a `Name` and an `Owner` field (administrators).
    async fn create_custom_module(
        &self,
        ctx: &Context<'_>,
        api_name: String,
        label: String,
        label_de: Option<String>,
    ) -> Result<ModuleGql> {
        let v = admin(ctx)?;
        Ok(app(ctx)
            .crm
            .create_custom_module(v, &api_name, &label, label_de.as_deref())
            .await
            .gql()?
            .into())
    }
}
