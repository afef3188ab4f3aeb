// Loaded in <head>: with JavaScript the phone menu folds behind its button; without it (cheap
// phones, scripts turned off) the "no-js" class stays and the menu is simply shown.
document.documentElement.classList.remove("no-js");
