// PNG downloads for server-drawn charts: the browser rasterises the figure's SVG at twice its size.
document.querySelectorAll("figure.chart a.png").forEach(link => {
  link.hidden = false;
  link.addEventListener("click", event => {
    event.preventDefault();
    const svg = link.closest("figure").querySelector("svg");
    const width = svg.viewBox.baseVal.width, height = svg.viewBox.baseVal.height, scale = 2;
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = width * scale; canvas.height = height * scale;
      const context = canvas.getContext("2d");
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, width, height);
      const a = document.createElement("a");
      a.download = link.getAttribute("download");
      a.href = canvas.toDataURL("image/png");
      a.click();
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg));
  });
});
