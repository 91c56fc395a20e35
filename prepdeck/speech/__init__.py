"""Speech on this machine only: the engines that turn sound into text, and the recorder.

Nothing here is imported when the app or a command starts: the engines and PortAudio load
when speech is first used.
"""
