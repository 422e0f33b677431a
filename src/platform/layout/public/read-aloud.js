/* global document, window, SpeechSynthesisUtterance */
// "Read this page to me": reads an Easy Read page's lines ([data-read-aloud] in the main content) one
// by one with the browser's own speech, highlighting the line being read. The buttons stay hidden
// unless the browser can speak; the page is complete without them.

const READING = 'hearth-er-reading';
const controls = document.querySelector('[data-read-aloud-controls]');
const synth = window.speechSynthesis;

if (controls && synth && 'SpeechSynthesisUtterance' in window) {
  const start = controls.querySelector('[data-read-aloud-start]');
  const pause = controls.querySelector('[data-read-aloud-pause]');
  const pauseWords = controls.querySelector('[data-read-aloud-pause-words]');
  const stop = controls.querySelector('[data-read-aloud-stop]');
  const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  // Each reading has its own number, so events from a reading that was stopped are ignored.
  let reading = 0;
  let paused = false;

  const lines = () =>
    [...document.querySelectorAll('main [data-read-aloud]')]
      .map((element) => ({ element, text: element.textContent.replace(/\s+/g, ' ').trim() }))
      .filter((line) => line.text);

  const highlight = (element) => {
    document.querySelectorAll(`.${READING}`).forEach((el) => el.classList.remove(READING));
    if (!element) return;
    element.classList.add(READING);
    element.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
  };

  const showPlaying = (playing) => {
    start.hidden = playing;
    pause.hidden = !playing;
    stop.hidden = !playing;
    paused = false;
    pauseWords.textContent = 'Pause';
  };

  const voice = () => synth.getVoices().find((v) => v.lang === 'en-GB') ?? synth.getVoices().find((v) => v.lang?.startsWith('en'));

  const finish = (focusStart) => {
    reading += 1;
    synth.cancel();
    highlight(null);
    showPlaying(false);
    if (focusStart) start.focus();
  };

  const speak = (queue, index, number) => {
    if (number !== reading) return;
    if (index >= queue.length) return finish(document.activeElement === pause || document.activeElement === stop);
    const { element, text } = queue[index];
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'en-GB';
    utterance.rate = 0.9;
    const chosen = voice();
    if (chosen) utterance.voice = chosen;
    utterance.addEventListener('start', () => {
      if (number === reading) highlight(element);
    });
    utterance.addEventListener('end', () => speak(queue, index + 1, number));
    utterance.addEventListener('error', () => speak(queue, index + 1, number));
    synth.speak(utterance);
  };

  start.addEventListener('click', () => {
    synth.cancel();
    reading += 1;
    showPlaying(true);
    pause.focus();
    speak(lines(), 0, reading);
  });

  pause.addEventListener('click', () => {
    paused = !paused;
    if (paused) synth.pause();
    else synth.resume();
    pauseWords.textContent = paused ? 'Carry on' : 'Pause';
  });

  stop.addEventListener('click', () => finish(true));
  window.addEventListener('pagehide', () => synth.cancel());

  controls.hidden = false;
}
