#!/usr/bin/env bash
# Generates the spoken-call clips that lobby boards concatenate when the browser has no voice for a language:
#   hub/src/main/resources/webroot/audio/zh-TW/*.wav   Mandarin, from pinyin (espeak-ng voice cmn-latn-pinyin)
#   hub/src/main/resources/webroot/audio/en/*.wav      English (espeak-ng voice en-us)
# Each clip is trimmed of silence, normalised and stored as 16 kHz mono 16-bit WAV (small, and every
# browser decodes it). The board adds the pauses between clips itself.
# Needs: espeak-ng and sox (Debian: apt-get install -y espeak-ng sox). Re-run after changing a phrase;
# commit the WAVs, so building or testing never needs espeak-ng.
# Taiwanese (nan-TW) and Hakka (hak-TW) are recorded by people, not generated: see webroot/audio/README.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/hub/src/main/resources/webroot/audio"
command -v espeak-ng >/dev/null || { echo "espeak-ng is missing: apt-get install -y espeak-ng sox" >&2; exit 1; }
command -v sox >/dev/null || { echo "sox is missing: apt-get install -y espeak-ng sox" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# clip VOICE SPEED DIR NAME TEXT
clip() {
  local voice="$1" speed="$2" dir="$3" name="$4" text="$5"
  mkdir -p "$out/$dir"
  espeak-ng -v "$voice" -s "$speed" -a 180 -w "$tmp/raw.wav" "$text"
  # trim leading and trailing silence, normalise to -1 dBFS, 16 kHz mono 16-bit
  sox "$tmp/raw.wav" -r 16000 -c 1 -b 16 "$out/$dir/$name.wav" \
      silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse gain -n -1
}

# Mandarin: digits, the place words for numbers read as 一千零二十三, and the phrase words of
# 「請 1023 號 到 5 號櫃檯」.
zh=(0 ling2 1 yi1 2 er4 3 san1 4 si4 5 wu3 6 liu4 7 qi1 8 ba1 9 jiu3
    shi shi2 bai bai3 qian qian1
    qing qing3 hao hao4 dao dao4 guitai "gui4 tai2")
for ((i = 0; i < ${#zh[@]}; i += 2)); do
  clip cmn-latn-pinyin 130 zh-TW "${zh[i]}" "${zh[i+1]}"
done

# English: "Number 1 0 2 3, please go to counter 25." Ticket numbers are read digit by digit,
# counter numbers as words (0-99).
en=(0 zero 1 one 2 two 3 three 4 four 5 five 6 six 7 seven 8 eight 9 nine
    10 ten 11 eleven 12 twelve 13 thirteen 14 fourteen 15 fifteen 16 sixteen 17 seventeen 18 eighteen
    19 nineteen 20 twenty 30 thirty 40 forty 50 fifty 60 sixty 70 seventy 80 eighty 90 ninety
    number number please-go-to-counter "please go to counter")
for ((i = 0; i < ${#en[@]}; i += 2)); do
  clip en-us 145 en "${en[i]}" "${en[i+1]}"
done

echo "clips written to $out/zh-TW and $out/en"
du -sh "$out/zh-TW" "$out/en"
