// The search page: Pagefind's index of the brief bodies, one index per language, searched together.
// Loaded only by the search page; everything it shows is built as DOM nodes, never as HTML strings.

const form = document.getElementById("search");
const input = form.elements.q;
const topic = form.elements.topic;
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const bundle = new URL(form.dataset.bundle, document.baseURI);
const siteRoot = new URL(form.dataset.site, document.baseURI).pathname;

let ready;

function loadIndex() {
  ready ??= (async () => {
    // The index comes in parts, each a bundle of Pagefind's own; the first is loaded, the others merged in.
    const parts = await (await fetch(new URL("crimebriefs-parts.json", bundle))).json();
    const first = new URL(parts[0].path, bundle);
    const pagefind = await import(new URL("pagefind.js", first).href);
    await pagefind.options({ basePath: first.pathname, baseUrl: siteRoot, excerptLength: 24 });
    // Pagefind loads the index of the page's language (or its largest); the other languages
    // are merged in. Pagefind skips a merge of its own path, hence the equivalent "./" form.
    const pageLang = document.documentElement.lang;
    for (const [number, part] of parts.entries()) {
      const path = new URL(part.path, bundle).pathname;
      const entry = await (await fetch(new URL("pagefind-entry.json", new URL(part.path, bundle)))).json();
      const languages = Object.entries(entry.languages).sort((a, b) => b[1].page_count - a[1].page_count);
      const loaded = number === 0 ? (entry.languages[pageLang] ? pageLang : languages[0]?.[0]) : null;
      for (const [language] of languages) {
        if (language !== loaded) await pagefind.mergeIndex(number === 0 ? path + "./" : path, { language, baseUrl: siteRoot });
      }
    }
    const topics = (await pagefind.filters()).topic || {};
    for (const name of Object.keys(topics).sort((a, b) => a.localeCompare(b))) {
      topic.append(new Option(`${name} (${topics[name]})`, name));
    }
    topic.value = new URLSearchParams(location.search).get("topic") || "";
    topic.parentElement.hidden = Object.keys(topics).length < 2;
    return pagefind;
  })();
  return ready;
}

// Pagefind's excerpts are text with the matched words in <mark>; anything else is shown as text.
function excerptNodes(excerpt) {
  const holder = document.createElement("template");
  holder.innerHTML = excerpt.replace(/<(?!\/?mark>)/g, "&lt;");
  const nodes = [];
  for (const node of holder.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "result";
  if (data.meta.lang && data.meta.lang !== document.documentElement.lang) item.lang = data.meta.lang;
  const kicker = document.createElement("p");
  kicker.className = "kicker";
  kicker.textContent = [data.meta.kind, ...(data.filters.topic || [])].filter(Boolean).join(" · ");
  const heading = document.createElement("h2");
  heading.className = "card-title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.className = "summary";
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(kicker, heading, excerpt);
  return item;
}

async function runSearch() {
  const query = input.value.trim();
  const filters = topic.value ? { topic: [topic.value] } : {};
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (topic.value) params.set("topic", topic.value);
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  if (!query && !topic.value) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = "Searching…";
  let search;
  try {
    search = await (await loadIndex()).search(query || null, { filters });
  } catch (error) {
    ready = undefined;
    status.textContent = "Search is not available: its index could not be loaded. Please try again later.";
    console.error(error);
    return;
  }
  const found = await Promise.all(search.results.slice(0, 30).map((result) => result.data()));
  list.replaceChildren(...found.map(resultItem));
  const words = query ? ` for “${query}”` : "";
  const where = topic.value ? ` in ${topic.value}` : "";
  const count = search.results.length;
  status.textContent =
    count === 0
      ? `No briefs found${words}${where}.`
      : `${count} ${count === 1 ? "brief" : "briefs"} found${words}${where}` +
        (count > found.length ? `, the first ${found.length} shown.` : ".");
}

let pending;
function searchSoon() {
  clearTimeout(pending);
  pending = setTimeout(runSearch, 250);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(pending);
  runSearch();
});
input.addEventListener("input", searchSoon);
topic.addEventListener("change", runSearch);
input.addEventListener("focus", () => loadIndex().catch(() => (ready = undefined)), { once: true });

input.value = new URLSearchParams(location.search).get("q") || "";
if (location.search) loadIndex().then(runSearch);
