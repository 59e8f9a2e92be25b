#!/usr/bin/env bash
# Generates the spoken-call clips that lobby boards concatenate when the browser has no voice for a language:
#   hub/src/main/resources/webroot/audio/zh-TW/*.wav   Mandarin, from pinyin (espeak-ng voice cmn-latn-pinyin)
#   hub/src/main/resources/webroot/audio/en/*.wav      English (espeak-ng voice en-us)
#   hub/src/main/resources/webroot/audio/hak/*.wav     Hakka, from Pha̍k-fa-sṳ (espeak-ng voice hak)
#   hub/src/main/resources/webroot/audio/vi/*.wav      Vietnamese (espeak-ng voice vi)
#   hub/src/main/resources/webroot/audio/id/*.wav      Indonesian (espeak-ng voice id)
# Usage: tools/clips/generate.sh [LANG...]   (default: all of them; e.g. "hak" remakes only the Hakka clips)
# Thai is not generated: Debian's espeak-ng 1.51 has a voice "th" but reads Thai script letter by letter
# (ที่ comes out as "ths"), not intelligible; audio/th/README.md says how to record the clips instead.
# Each clip is trimmed of silence, normalised and stored as 16 kHz mono 16-bit WAV (small, and every
# browser decodes it). The board adds the pauses between clips itself.
# Needs: espeak-ng and sox (Debian: apt-get install -y espeak-ng sox). Re-run after changing a phrase;
# commit the WAVs, so building or testing never needs espeak-ng.
# Taiwanese (nan-TW) is recorded by people, not generated (no engine here speaks it): see audio/nan-TW/README.md.
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

# each NAME TEXT pair of an array as one clip: say VOICE SPEED DIR NAME TEXT NAME TEXT ...
say() {
  local voice="$1" speed="$2" dir="$3"
  shift 3
  while (($#)); do
    clip "$voice" "$speed" "$dir" "$1" "$2"
    shift 2
  done
}

# Mandarin: digits, the place words for numbers read as 一千零二十三, and the phrase words of
# 「請 1023 號 到 5 號櫃檯」.
zh-TW() {
  say cmn-latn-pinyin 130 zh-TW 0 ling2 1 yi1 2 er4 3 san1 4 si4 5 wu3 6 liu4 7 qi1 8 ba1 9 jiu3 \
      shi shi2 bai bai3 qian qian1 \
      qing qing3 hao hao4 dao dao4 guitai "gui4 tai2"
}

# English: "Number 1 0 2 3, please go to counter 25." Ticket numbers are read digit by digit,
# counter numbers as words (0-99).
en() {
  say en-us 145 en 0 zero 1 one 2 two 3 three 4 four 5 five 6 six 7 seven 8 eight 9 nine \
      10 ten 11 eleven 12 twelve 13 thirteen 14 fourteen 15 fifteen 16 sixteen 17 seventeen 18 eighteen \
      19 nineteen 20 twenty 30 thirty 40 forty 50 fifty 60 sixty 70 seventy 80 eighty 90 ninety \
      number number please-go-to-counter "please go to counter"
}

# Hakka (Sixian, as espeak-ng's voice reads it), in Pha̍k-fa-sṳ: 「請 2001 號到 5 號櫃檯」 is
# chhiáng ngi-chhiên làng-yit ho, to ńg ho khui-thòi. The same clip names as zh-TW (numbers "zh").
hak() {
  say hak 125 hak 0 làng 1 yit 2 ngi 3 sâm 4 si 5 ńg 6 liuk 7 chhit 8 pat 9 kiú \
      shi sṳ̍p bai pak qian chhiên \
      qing chhiáng hao ho dao to guitai "khui thòi"
}

# Vietnamese: "Mời số 2 0 0 1, đến quầy số 5." Numbers digit by digit (i18n/vi.json, numbers "digits").
vi() {
  say vi 140 vi 0 không 1 một 2 hai 3 ba 4 bốn 5 năm 6 sáu 7 bảy 8 tám 9 chín \
      moi-so "mời số" den-quay-so "đến quầy số"
}

# Indonesian: "Nomor 2 0 0 1, silakan ke loket 5." Numbers digit by digit (i18n/id.json).
id() {
  say id 145 id 0 nol 1 satu 2 dua 3 tiga 4 empat 5 lima 6 enam 7 tujuh 8 delapan 9 sembilan \
      nomor nomor silakan-ke-loket "silakan ke loket"
}

langs=("$@")
((${#langs[@]})) || langs=(zh-TW en hak vi id)
for lang in "${langs[@]}"; do
  case "$lang" in
    zh-TW|en|hak|vi|id) "$lang"; echo "clips written to $out/$lang ($(du -sh "$out/$lang" | cut -f1))" ;;
    *) echo "no generated clips for $lang (see hub/src/main/resources/webroot/audio/README.md)" >&2; exit 2 ;;
  esac
done
