/** Shows one sentence on a consent page (its `#message` paragraph). */
export function say(sentence: string): void {
  const message = document.getElementById('message');
  if (message) message.textContent = sentence;
}
