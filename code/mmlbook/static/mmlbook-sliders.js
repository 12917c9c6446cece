// Static sliders: swap pre-rendered frames when a range input moves.
// The frames and their alt texts sit in the JSON script inside each
// .mmlbook-slider block (written by mmlbook.widgets); after the build,
// mmlbook.sphinxext has replaced inline images by files, fetched on demand.
(function () {
  "use strict";
  function setUp(root) {
    const data = JSON.parse(root.querySelector("script.mmlbook-slider-data").textContent);
    const img = root.querySelector("img.mmlbook-slider-frame");
    const inputs = Array.from(root.querySelectorAll("input[type=range]"));
    function update() {
      // Row-major index: the last slider varies fastest.
      let index = 0;
      inputs.forEach(function (input, k) {
        index = index * data.shape[k] + Number(input.value);
        const label = JSON.parse(input.dataset.labels)[Number(input.value)];
        input.setAttribute("aria-valuetext", label);
        root.querySelector('output[for="' + input.id + '"]').textContent = label;
      });
      const frame = data.frames[index];
      img.src = frame.src;
      img.alt = frame.alt;
    }
    inputs.forEach(function (input) { input.addEventListener("input", update); });
  }
  function setUpAll() {
    document.querySelectorAll(".mmlbook-slider").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
