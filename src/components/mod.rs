//! Reusable views. Components never build backend URLs or fetch; they get
//! data from pages through props.

mod article_body;
mod article_card;
mod article_head;
mod comments;
mod error_view;
mod group_links;
mod navigation;
mod notice;
mod pager;
mod share;
mod site_chrome;

pub use article_body::ArticleBody;
pub use article_card::ArticleCard;
pub use article_head::{ArticleHead, ListingHead};
pub use comments::CommentsSection;
pub use error_view::{ErrorView, Failure, Loading, PageStatus, PartState};
pub use group_links::GroupLinks;
pub use navigation::{listing_query, progress_setter, warm, Busy, NavigationHelpers};
pub use notice::ConfigNotice;
pub use pager::Pager;
pub use share::ShareButton;
pub use site_chrome::{SiteFooter, SiteHeader};
