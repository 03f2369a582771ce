/* The Print button of the handout, the poster, the card, the paper diary and the printed
   plan. Without JavaScript the button stays hidden and the page says how to print. */

const button = document.getElementById("print-button");
if (button && window.print) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
