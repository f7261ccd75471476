//! The document head of an article page (title, description, canonical URL,
//! Open Graph and Twitter card tags, and the NewsArticle JSON-LD), and the
//! smaller one of a listing.

use crate::model::seo::{description, news_article_json_ld};
use crate::model::Article;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};

/// Head tags for `article`, whose canonical address is `url`.
#[component]
pub fn ArticleHead(
    /// The article.
    article: Article,
    /// Its canonical absolute URL.
    url: String,
    /// Its image as an absolute URL, if it has one.
    image_url: Option<String>,
    /// Words in its body.
    words: usize,
    /// Minutes to read it.
    minutes: u32,
) -> impl IntoView {
    let s = &article.summary;
    let summary = description(s.lead.as_deref().unwrap_or(&s.title), 200);
    let json_ld = news_article_json_ld(&article, &url, image_url.as_deref(), words, minutes);
    let published = s.published_at.to_rfc3339();
    let modified = s.updated_at.map(|u| u.to_rfc3339());
    let card = if image_url.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    let title = s.title.clone();
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=summary.clone()/>
        <Link rel="canonical" href=url.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=summary.clone()/>
        <Meta property="og:url" content=url/>
        <Meta property="article:published_time" content=published/>
        {modified.map(|m| view! { <Meta property="article:modified_time" content=m/> })}
        {image_url.clone().map(|i| view! { <Meta property="og:image" content=i/> })}
        <Meta name="twitter:card" content=card/>
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=summary/>
        {image_url.map(|i| view! { <Meta name="twitter:image" content=i/> })}
        <Script type_="application/ld+json">{json_ld}</Script>
    }
}

/// Head tags of a listing (the home page, a group's page) at `url`.
#[component]
pub fn ListingHead(
    /// The listing's name.
    #[prop(into)]
    title: Signal<String>,
    /// A sentence about it, when there is one.
    description: Option<String>,
    /// Its canonical absolute URL.
    url: String,
) -> impl IntoView {
    let site = expect_context::<crate::config::Config>().site_name;
    view! {
        <Title text=title/>
        {description.clone().map(|d| view! {
            <Meta name="description" content=d.clone()/>
            <Meta property="og:description" content=d/>
        })}
        <Link rel="canonical" href=url.clone()/>
        <Meta property="og:type" content="website"/>
        <Meta property="og:site_name" content=site/>
        <Meta property="og:title" content=title/>
        <Meta property="og:url" content=url/>
        <Meta name="twitter:card" content="summary"/>
    }
}
