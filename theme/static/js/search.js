// Static search over the articles with Pagefind: loaded on the search page only. The index is
// fetched from this site; nothing leaves the reader's device.
const form = document.querySelector("[data-search]");
const input = form.querySelector("input");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const say = (key, values) => (status.textContent = form.dataset[key].replace(/\{(\w+)\}/g, (m, k) => values[k]));
let pagefind;

async function engine() {
  if (!pagefind) {
    pagefind = await import(new URL(form.dataset.pagefind, location.href).href);
    // Result URLs follow the site's own path, so search works under /<repo>/ too.
    const baseUrl = new URL(form.dataset.base, location.href).pathname;
    await pagefind.options({ baseUrl });
    // A large site's index comes in several bundles: search them as one.
    for (const bundle of form.dataset.merge.split(" ").filter(Boolean)) {
      await pagefind.mergeIndex(new URL(bundle, location.href).pathname, { baseUrl });
    }
  }
  return pagefind;
}

async function search(q) {
  list.replaceChildren();
  if (!q.trim()) return (status.textContent = "");
  let found;
  try {
    found = await (await engine()).search(q);
  } catch {
    return say("unavailable", {});
  }
  const hits = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
  say(hits.length === 0 ? "none" : hits.length === 1 ? "foundOne" : "found", { n: hits.length, q });
  for (const hit of hits) {
    const link = Object.assign(document.createElement("a"), { href: hit.url, textContent: hit.meta.title });
    const excerpt = document.createElement("p");
    excerpt.innerHTML = hit.excerpt; // Pagefind escapes the page text and adds only <mark>
    const item = document.createElement("li");
    item.append(link, excerpt);
    list.append(item);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
  search(input.value);
});
const asked = new URLSearchParams(location.search).get("q");
if (asked) {
  input.value = asked;
  search(asked);
}
