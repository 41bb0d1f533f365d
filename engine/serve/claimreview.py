"""A confirmed finding as schema.org ClaimReview JSON-LD: the claim as the article wrote it
(claimReviewed), the article (itemReviewed: a CreativeWork with its url and date), the rating
with its Persian name (rules/report.rules, lexicon claimreview_rating), and the desk as author."""
from __future__ import annotations

from typing import Any

# a flag confirmed: the claim is false as written; a contradiction: contradicted; an update: outdated
RATING = {"flag": 1, "contradiction": 2, "update": 3}


def _claim_of(v, article_id: str) -> dict:
    """The reviewed claim of a finding: the article's own claim of a contradiction or update."""
    claims = [c for c in v.finding.get("claims") or () if isinstance(c, dict)]
    return next((c for c in claims if c.get("article") == article_id), claims[0] if claims else {})


def claim_text(v, article) -> str:
    """The words the finding is about, exactly as the article wrote them."""
    if v.kind == "flag":
        spans = [s for s in v.finding.get("spans") or () if len(s) == 2]
        if article is not None and spans:
            return " … ".join(article.text[int(a):int(b)] for a, b in spans)
        return str(v.finding.get("code") or "")
    return str(_claim_of(v, v.article_id).get("text") or "")


def claim_review(v, article, *, desk: str, labels) -> dict[str, Any]:
    """The JSON-LD of confirmed finding ``v`` about stored ``article`` (browse.StoredArticle)."""
    fa, en = labels.pair(v.kind)
    msg = v.finding.get("message") if isinstance(v.finding.get("message"), dict) else {}
    item: dict[str, Any] = {"@type": "CreativeWork"}
    if article is not None:
        if article.url:
            item["url"] = article.url
        if article.published_at or article.published:
            item["datePublished"] = article.published_at or article.published
        if article.source:
            item["author"] = {"@type": "Organization", "name": article.source}
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim_text(v, article),
        "itemReviewed": {"@type": "Claim", "appearance": [item]},
        "author": {"@type": "Organization", "name": desk},
        "datePublished": (v.decided_at or "")[:10],
        "reviewRating": {"@type": "Rating", "ratingValue": RATING.get(v.kind, 1), "bestRating": 5,
                         "worstRating": 1, "name": en, "alternateName": fa},
        "reviewBody": " ".join(x for x in (msg.get("fa"), v.note) if x),
        "inLanguage": "fa",
        "identifier": v.id,
    }
    if article is not None:
        item_claim = out["itemReviewed"]
        if article.url:
            item_claim["url"] = article.url        # the article's url and date on itemReviewed itself too
        if item.get("datePublished"):
            item_claim["datePublished"] = item["datePublished"]
    return out
