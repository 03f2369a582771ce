// Text squeezed by large text on a narrow screen (tests/support/layout.py).
// Returns {narrow: blocks of words narrower than `minimum` px that wrap onto more than one line,
// split: words broken across two lines although the line could hold them whole}. Words that
// may break by design are left out: CJK runs (they break between characters), words with a
// hyphen, slash or soft hyphen, text in a box that scrolls sideways, and SVG text.
(minimum) => {
  const CJK = /[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/;
  const visible = (e) => e.offsetParent !== null || getComputedStyle(e).position === "fixed";
  const scrolls = (e) => { for (let a = e; a && a !== document.body; a = a.parentElement) { const o = getComputedStyle(a).overflowX; if (o === "auto" || o === "scroll") return true; } return false; };
  const blockOf = (e) => { let b = e; while (b && b !== document.body && ["inline", "contents"].includes(getComputedStyle(b).display)) b = b.parentElement; return b; };
  const contentWidth = (b) => { const s = getComputedStyle(b); return b.getBoundingClientRect().width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - parseFloat(s.borderLeftWidth) - parseFloat(s.borderRightWidth); };
  const narrow = [], split = [];
  const blocks = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent.trim();
    if (!text) continue;
    const parent = node.parentElement;
    if (!parent || parent.closest("svg, template, script, style, .visually-hidden, [hidden], .skip-link, select, option")) continue;
    if (!visible(parent) || scrolls(parent)) continue;
    const block = blockOf(parent);
    const words = text.split(/\s+/).filter(Boolean);
    if (words.length >= 2 || (CJK.test(text) && text.length >= 4)) blocks.add(block);
    const room = contentWidth(block);
    const range = document.createRange();
    const re = /\S+/g; let m;
    while ((m = re.exec(node.textContent))) {
      const word = m[0];
      if (CJK.test(word) || word.length < 2 || /[\u00ad\-\/]/.test(word)) continue;
      range.setStart(node, m.index); range.setEnd(node, m.index + word.length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      const tops = new Set(rects.map(r => Math.round(r.top)));
      const width = rects.reduce((a, r) => a + r.width, 0);
      if (tops.size > 1 && width <= room) split.push(word);
    }
  }
  // Lines of text in a box: the text's own rectangles, grouped by their vertical middle (an
  // icon or a smaller word beside the text is on the same line).
  const lines = (b) => {
    const middles = [];
    const w = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
    let t;
    while ((t = w.nextNode())) {
      if (!t.textContent.trim()) continue;
      const r = document.createRange(); r.selectNodeContents(t);
      for (const q of r.getClientRects()) if (q.width > 0) middles.push(q.top + q.height / 2);
    }
    middles.sort((a, c) => a - c);
    const gap = parseFloat(getComputedStyle(b).fontSize) * 0.6;
    return middles.filter((m, i) => i === 0 || m - middles[i - 1] > gap).length;
  };
  for (const block of blocks) {
    if (block.closest(".saddle-labels")) continue;  // each names its half of the picture above
    const width = contentWidth(block);
    if (width < minimum && lines(block) > 1) narrow.push([block.tagName.toLowerCase() + (block.className ? "." + String(block.className).split(" ")[0] : ""), Math.round(width), block.textContent.trim().slice(0, 30)]);
  }
  return {narrow, split};
}
