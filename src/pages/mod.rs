//! Routed pages, one per file. Each reads its route, asks the backend from
//! context and renders the answer or the error.

mod article;
mod group;
mod home;
mod listing;
mod not_found;
mod search;

pub use article::{ArticlePage, ArticleView};
pub use group::GroupPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use search::SearchPage;
