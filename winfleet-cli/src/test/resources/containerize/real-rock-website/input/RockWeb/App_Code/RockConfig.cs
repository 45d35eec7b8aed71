// placeholder: the site's App_Code/RockConfig.cs (content not copied; only its presence matters)
